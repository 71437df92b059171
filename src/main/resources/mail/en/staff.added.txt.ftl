<#-- staff.added (en), plain text; also sets the subject. state is confirmed or waiting. -->
<#import "/text.ftl" as t>
<#assign subject>Signed up by the course team: ${(course.name)!""}</#assign>
<@t.hello/>

The course team has signed you up for the course <@t.coursePhrase c=course!{}/>.

<@t.stateLine/>

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
