<#-- signup.confirmed (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Signup confirmed: ${(course.name)!""}</#assign>
<@t.hello/>

Your signup for the course <@t.coursePhrase c=course!{}/> is confirmed: you have a seat.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
