<#-- staff.admitted (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>You have a seat: ${(course.name)!""}</#assign>
<@t.hello/>

The course team has given you a seat in the course <@t.coursePhrase c=course!{}/>.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
